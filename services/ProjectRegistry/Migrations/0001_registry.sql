CREATE TABLE divisions (
    code       text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name       text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE departments (
    division_code text NOT NULL REFERENCES divisions (code),
    code          text NOT NULL CHECK (code ~ '^[0-9]{3}$'),
    name          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (division_code, code)
);

CREATE TABLE units (
    division_code   text NOT NULL,
    code            text NOT NULL CHECK (code ~ '^[0-9]{6}$'),
    department_code text NOT NULL,
    name            text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (division_code, code),
    FOREIGN KEY (division_code, department_code) REFERENCES departments (division_code, code),
    CHECK (left(code, 3) = department_code)
);

CREATE TABLE department_goals (
    division_code      text    NOT NULL,
    department_code    text    NOT NULL,
    year               integer NOT NULL,
    overall_goal       text    NOT NULL,
    item_goals         text[]  NOT NULL,
    safeguard_measures text    NOT NULL,
    version            bigint  NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (division_code, department_code, year),
    FOREIGN KEY (division_code, department_code) REFERENCES departments (division_code, code)
);

CREATE TABLE projects (
    code            text PRIMARY KEY CHECK (code ~ '^[0-9]{8}[0-9A-Z]{13}$'),
    division_code   text    NOT NULL,
    department_code text    NOT NULL,
    unit_code       text    NOT NULL,
    year            integer NOT NULL,
    name            text    NOT NULL,
    purpose         text    NOT NULL,
    goals           text[]  NOT NULL,
    total_yuan      numeric(18,2) NOT NULL CHECK (total_yuan >= 0),
    fiscal_yuan     numeric(18,2) NOT NULL CHECK (fiscal_yuan >= 0),
    other_yuan      numeric(18,2) NOT NULL CHECK (other_yuan >= 0),
    status          text    NOT NULL,
    revision        integer NOT NULL,
    version         bigint  NOT NULL,
    review_comment  text    NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL,
    created_by      text    NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text    NOT NULL,
    FOREIGN KEY (division_code, unit_code) REFERENCES units (division_code, code),
    CHECK (total_yuan = fiscal_yuan + other_yuan),
    CHECK (left(code, 6) = division_code)
);
CREATE INDEX ix_projects_unit_year ON projects (division_code, unit_code, year, code);

-- Approved versions stay readable after an adjustment opens the next revision.
CREATE TABLE project_revisions (
    project_code text    NOT NULL REFERENCES projects (code),
    revision     integer NOT NULL,
    snapshot     jsonb   NOT NULL,
    approved_at  timestamptz NOT NULL,
    approved_by  text    NOT NULL,
    PRIMARY KEY (project_code, revision)
);
