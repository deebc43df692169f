"""windowdesk: the one-stop settlement window."""
