"""Text → behaviours: normalisation, the phrase automaton with negation, structural signals."""
