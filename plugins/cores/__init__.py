"""Work shared out on every core."""
