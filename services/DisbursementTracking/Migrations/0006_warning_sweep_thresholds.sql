-- The thresholds the day was swept with. A restart with changed thresholds (the finance bureau's yellow or red lag, the
-- month from which nothing paid is red) sweeps the day again, so every warning follows the new thresholds at once, not
-- from the next day. The row swept before this column finds '' and is swept once more.
ALTER TABLE warning_sweep ADD COLUMN thresholds text NOT NULL DEFAULT '';
