-- The project's review status, from the registry's events: a spending plan can change only while the project can
-- (draft or returned). A copy made before this column learns its status from the project's next registry event.
ALTER TABLE projects ADD COLUMN status text NOT NULL DEFAULT 'draft';
