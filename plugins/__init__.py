"""MkDocs plugins and the plain libraries behind them, for council strategy sites."""
