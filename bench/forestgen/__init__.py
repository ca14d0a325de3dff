"""Seeded generator of synthetic Group Policy forests (Backup-GPO layout + LDIF topology)."""
