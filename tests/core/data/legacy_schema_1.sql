-- causemap's SQLite schema 1, as causemap.schema wrote it before the store moved to SQLAlchemy (commit ee4b3f2)
CREATE TABLE papers (
        id TEXT PRIMARY KEY,            -- SHA-256 of the bytes
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        year INTEGER,
        doi TEXT,
        n_pages INTEGER NOT NULL DEFAULT 0,
        design TEXT NOT NULL DEFAULT 'unknown',
        parser TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL,            -- embedding | ready
        added_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE pages (
        paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        sections TEXT NOT NULL DEFAULT '[]',   -- [[start, end, label], ...]
        PRIMARY KEY (paper_id, number)
    );
    CREATE TABLE chunks (
        id TEXT PRIMARY KEY,
        paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        section TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        is_references INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX chunks_by_paper ON chunks(paper_id, page);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL DEFAULT (datetime('now')),
        finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running',
        summary TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE failures (
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        code TEXT NOT NULL,
        error TEXT NOT NULL
    );
    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        page INTEGER NOT NULL,
        section TEXT,
        sentence TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        cause TEXT NOT NULL,
        cause_start INTEGER NOT NULL,
        cause_end INTEGER NOT NULL,
        effect TEXT NOT NULL,
        effect_start INTEGER NOT NULL,
        effect_end INTEGER NOT NULL,
        relation TEXT NOT NULL,
        polarity TEXT,
        hedged INTEGER NOT NULL,
        negated INTEGER NOT NULL,
        design TEXT NOT NULL,
        extractor TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        confidence REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE INDEX claims_by_paper ON claims(paper_id, extractor);
    -- the user's corrections, kept apart so that the extractor's reading stays visible
    CREATE TABLE claim_edits (
        claim_id TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
        fields TEXT NOT NULL,           -- JSON object of edited fields
        edited_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    -- which extractor has finished which paper (so a rerun skips it and a killed run resumes)
    CREATE TABLE extractions (
        paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
        extractor TEXT NOT NULL,
        extractor_version TEXT NOT NULL,
        stats TEXT NOT NULL DEFAULT '{}',
        finished_at TEXT NOT NULL DEFAULT (datetime('now')),
        PRIMARY KEY (paper_id, extractor)
    );
    CREATE TABLE llm_cache (
        key TEXT PRIMARY KEY,           -- hash of model, prompt version and text
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        response TEXT NOT NULL,
        input_tokens INTEGER NOT NULL DEFAULT 0,
        output_tokens INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE variable_decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,             -- merge | rename | split
        payload TEXT NOT NULL,          -- JSON
        created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
