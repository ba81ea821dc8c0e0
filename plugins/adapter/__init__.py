"""The MkDocs plugin that publishes the strategies in content/ as the standard edition."""
