"""SafeCities Exchange: learning exchanges on urban safety, good practice, safe-city learning."""
