-- schema 2 over schema 1, as above
ALTER TABLE claims ADD COLUMN role TEXT NOT NULL DEFAULT 'finding';
