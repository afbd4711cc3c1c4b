"""Association tools: build, edit, gather, compare, validate and pool-making commands."""
