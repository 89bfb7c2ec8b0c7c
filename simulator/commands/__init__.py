"""Click commands, one module per area of the tool; ``simulator.cli`` registers them."""
