"""Content: strict YAML loading, frozen models, and where built-ins live."""

from simulator.content.loader import Content, builtin_path, load_content

__all__ = ["Content", "builtin_path", "load_content"]
