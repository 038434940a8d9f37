-- The project's name, kept from the registry's events, so that the warnings list names what it warns about. A project
-- copied before this column reads '' (the console then shows its code) until the registry's next event about it.
ALTER TABLE projects ADD COLUMN name text NOT NULL DEFAULT '';
