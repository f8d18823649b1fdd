"""What an operator runs: the command line, start-up and stopping, health checks, logs, the
migration to PostgreSQL and the bulk wiki import."""
