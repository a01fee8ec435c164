// Numbered, append-only schema migrations. Never edit a shipped entry: add a new one at the end.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'lists, records, jobs',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE lists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('prospects','customers','suppression','responses')),
        source_file TEXT,
        source_size INTEGER,
        source_sha256 TEXT,
        imported_at TEXT NOT NULL,
        row_count INTEGER NOT NULL DEFAULT 0,
        columns TEXT NOT NULL,          -- JSON [{index, name}] in file order, exactly as in the header
        mapping TEXT,                   -- JSON column index -> canonical field (filled by the mapping step)
        format TEXT,                    -- JSON {encoding, bom, delimiter, newline, quoteChar}
        details TEXT                    -- JSON role details (vendor, price, purchase date...)
      );
      -- One row per data row of a source file. raw is a JSON array of every cell exactly as decoded; it is never
      -- rewritten (canonical fields live beside it). The rowid packs the list and the row: id = list_id * 2^32 + row_no,
      -- so a list's rows are one contiguous rowid range: window reads are range seeks, imports need no extra index, and
      -- deleting a list is a range delete (see store/records.ts).
      CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        list_id INTEGER GENERATED ALWAYS AS (id >> 32) VIRTUAL,
        row_no INTEGER GENERATED ALWAYS AS (id & 4294967295) VIRTUAL,  -- 1-based data row number in the source file
        line_no INTEGER NOT NULL,       -- 1-based physical line where the row starts
        raw TEXT NOT NULL
      );
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        label TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running','done','cancelled','failed','interrupted')),
        params TEXT NOT NULL,
        result TEXT,
        error TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX jobs_by_start ON jobs(started_at);
    `,
  },
  {
    version: 2,
    name: 'import problems',
    sql: `
      -- Rows an import could not take as they were (wrong cell count, undecodable bytes): kept with their line and reason.
      CREATE TABLE import_problems (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
        line_no INTEGER NOT NULL,
        row_no INTEGER,
        reason TEXT NOT NULL,
        raw TEXT NOT NULL
      );
      CREATE INDEX import_problems_by_list ON import_problems(list_id, line_no);
    `,
  },
  {
    version: 3,
    name: 'mapping presets, duplicate-file lookup',
    sql: `
      -- Column mappings saved by name, recognized again for a file whose header has the same signature (header_key).
      CREATE TABLE mapping_presets (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        header_key TEXT NOT NULL,
        header TEXT NOT NULL,           -- JSON [column name, ...] the preset was made for
        mapping TEXT NOT NULL,          -- JSON [{index, field}]
        created_at TEXT NOT NULL
      );
      CREATE INDEX mapping_presets_by_header ON mapping_presets(header_key);
      -- "Was this file imported before?" looks lists up by the source file's hash.
      CREATE INDEX lists_by_source_sha256 ON lists(source_sha256);
    `,
  },
  {
    version: 4,
    name: 'clean results, cell edits and their history',
    sql: `
      -- What the clean step made of each record (same id as records). Rewritten by every clean; never holds what the user
      -- typed. Narrow columns for what SQL filters and sorts on; the rest of the cleaned record is one JSON array (data)
      -- whose layout belongs to store/clean.ts.
      CREATE TABLE clean (
        id INTEGER PRIMARY KEY,
        flags INTEGER NOT NULL,         -- 1 mailable, 2 emailable, 4 callable
        quality INTEGER NOT NULL,       -- 0-100
        state TEXT NOT NULL,
        zip5 TEXT NOT NULL,
        codes TEXT NOT NULL,            -- ' code code ' of the record's issues, for "rows with issues of kind X"
        data TEXT NOT NULL
      );
      -- When each list was last cleaned and its counts (verdicts, issues by code), kept current as edits re-clean records.
      CREATE TABLE list_clean (
        list_id INTEGER PRIMARY KEY REFERENCES lists(id) ON DELETE CASCADE,
        cleaned_at TEXT NOT NULL,
        rules INTEGER NOT NULL,         -- version of the cleaning rules that wrote it
        stats TEXT NOT NULL             -- JSON {rows, mailable, emailable, callable, withIssues, qualitySum, codes: {code: [severity, n]}}
      );
      -- The current value of each cell the user changed. The imported value stays in records.raw.
      CREATE TABLE cell_edits (
        record_id INTEGER NOT NULL,
        col INTEGER NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (record_id, col)
      ) WITHOUT ROWID;
      -- Every change in order, for undo and redo. before is NULL when the cell had no edit (it showed the imported value).
      CREATE TABLE edit_log (
        seq INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL,
        col INTEGER NOT NULL,
        before TEXT,
        after TEXT,
        at TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX edit_log_by_record ON edit_log(record_id);
    `,
  },
  {
    version: 5,
    name: 'merge/purge runs, pairs, clusters and decisions',
    sql: `
      -- One merge/purge run: which lists at which level, the learned model and the report. The newest run of a level and
      -- set of lists is the current one; older runs stay for comparison until a new run replaces them.
      CREATE TABLE match_runs (
        id INTEGER PRIMARY KEY,
        level TEXT NOT NULL CHECK (level IN ('person','household','company','address')),
        lists TEXT NOT NULL,            -- JSON [list id, ...] in source-priority order
        created_at TEXT NOT NULL,
        settings TEXT NOT NULL,         -- JSON thresholds
        model TEXT NOT NULL,            -- JSON learned weights (m, u per comparison level), for explanations
        report TEXT NOT NULL            -- JSON counts (duplicates within and between lists, multi-buyers, before/after)
      );
      -- Scored candidate pairs worth keeping: merged or doubtful. a < b are record ids.
      CREATE TABLE match_pairs (
        run_id INTEGER NOT NULL REFERENCES match_runs(id) ON DELETE CASCADE,
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        prob REAL NOT NULL,
        weight REAL NOT NULL,
        levels TEXT NOT NULL,           -- agreement level of each comparison, one character each ('A' = missing, 'B' = level 0...)
        PRIMARY KEY (run_id, a, b)
      ) WITHOUT ROWID;
      CREATE INDEX match_pairs_by_prob ON match_pairs(run_id, prob);
      CREATE INDEX match_pairs_by_b ON match_pairs(run_id, b);
      -- Records in clusters of two or more (a record not here is alone). cluster = the id of one of its records (stable for a run).
      CREATE TABLE match_members (
        run_id INTEGER NOT NULL REFERENCES match_runs(id) ON DELETE CASCADE,
        record_id INTEGER NOT NULL,
        cluster INTEGER NOT NULL,
        survivor INTEGER NOT NULL DEFAULT 0,  -- 1 for the record whose values the merged record starts from
        PRIMARY KEY (run_id, record_id)
      ) WITHOUT ROWID;
      CREATE INDEX match_members_by_cluster ON match_members(run_id, cluster);
      -- What the user decided about a pair, kept across runs and imports; undoing one stamps undone_at and keeps the row.
      CREATE TABLE match_decisions (
        seq INTEGER PRIMARY KEY,
        level TEXT NOT NULL,
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('same','different')),
        at TEXT NOT NULL,
        undone_at TEXT
      );
      CREATE INDEX match_decisions_by_pair ON match_decisions(a, b);
    `,
  },
  {
    version: 6,
    name: 'survivorship picks',
    sql: `
      -- The user's choice of which record gives a field of a merged record: "for field F, take record R's value", applied
      -- to whichever cluster holds R in later runs too. The newest pick per (level, field, cluster) wins.
      CREATE TABLE survivor_picks (
        seq INTEGER PRIMARY KEY,
        level TEXT NOT NULL,
        field TEXT NOT NULL,
        record_id INTEGER NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX survivor_picks_by_record ON survivor_picks(record_id);
    `,
  },
  {
    version: 7,
    name: 'targeting and the mailing ledger',
    sql: `
      -- Saved targeting recipes: the list to mail from and the ordered waterfall steps (JSON), by name.
      CREATE TABLE target_recipes (
        name TEXT PRIMARY KEY,
        recipe TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- A waterfall as it ran: the recipe, the counts per step (JSON result) and counts per ZIP3 area for the map (JSON).
      CREATE TABLE target_runs (
        id INTEGER PRIMARY KEY,
        from_list INTEGER NOT NULL,
        recipe_name TEXT,
        recipe TEXT NOT NULL,
        created_at TEXT NOT NULL,
        result TEXT NOT NULL,
        geo TEXT NOT NULL
      );
      -- Every record a run removed, the step that removed it and why, in words. The mailing set is the rest of the list.
      CREATE TABLE target_removed (
        run_id INTEGER NOT NULL REFERENCES target_runs(id) ON DELETE CASCADE,
        record_id INTEGER NOT NULL,
        step INTEGER NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (run_id, record_id)
      ) WITHOUT ROWID;
      CREATE INDEX target_removed_by_step ON target_removed(run_id, step, record_id);
      -- The mailing ledger: every exported mailing set. run_id is not a foreign key: the ledger outlives pruned runs.
      CREATE TABLE mailings (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('direct-mail','email','tradeshow','telemarketing')),
        mailed_at TEXT NOT NULL,        -- yyyy-mm-dd
        created_at TEXT NOT NULL,
        run_id INTEGER,
        from_list_name TEXT,
        file_name TEXT,
        recipients INTEGER NOT NULL
      );
      -- Who got each mailing, with the household key (surname at an address) for the pieces-per-household rule.
      CREATE TABLE mailing_recipients (
        mailing_id INTEGER NOT NULL REFERENCES mailings(id) ON DELETE CASCADE,
        record_id INTEGER NOT NULL,
        household TEXT NOT NULL,
        PRIMARY KEY (mailing_id, record_id)
      ) WITHOUT ROWID;
      CREATE INDEX mailing_recipients_by_record ON mailing_recipients(record_id);
    `,
  },
  {
    version: 8,
    name: 'lead scores and project settings',
    sql: `
      -- Small per-project settings as JSON by key (scoring rules, thresholds).
      CREATE TABLE project_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      -- The last score of every prospect: fit to the best-customer profile, grade, flags, sales-ready.
      CREATE TABLE lead_scores (
        record_id INTEGER PRIMARY KEY,
        fit REAL NOT NULL,
        grade TEXT NOT NULL,
        engagement INTEGER NOT NULL,
        sales_ready INTEGER NOT NULL,
        reasons TEXT NOT NULL,          -- JSON [words, ...]
        flags TEXT NOT NULL,            -- JSON [words, ...]
        scored_at TEXT NOT NULL
      );
      CREATE INDEX lead_scores_by_fit ON lead_scores(fit DESC, record_id);
      CREATE INDEX lead_scores_ready ON lead_scores(sales_ready, fit DESC, record_id);
      CREATE INDEX lead_scores_by_grade ON lead_scores(grade, fit DESC, record_id);
    `,
  },
  {
    version: 9,
    name: 'mailing exports',
    sql: `
      -- Every file a mailing set was exported to (a set exported again adds a row here, not pieces to the ledger).
      CREATE TABLE mailing_exports (
        id INTEGER PRIMARY KEY,
        mailing_id INTEGER NOT NULL REFERENCES mailings(id) ON DELETE CASCADE,
        exported_at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        rows INTEGER NOT NULL,
        options TEXT NOT NULL           -- JSON: fields, format, sort, split, one-per, limit
      );
      CREATE INDEX mailing_exports_by_mailing ON mailing_exports(mailing_id, id);
    `,
  },
  {
    version: 10,
    name: 'edit groups (paste, clear, fill as one undo step)',
    sql: `
      -- Many cells changed as one step (a pasted range, a cleared or filled selection) share group_seq = the seq of the
      -- group's first entry; a group's entries are consecutive seqs of one list. NULL group_seq is a single-cell edit, as
      -- every edit of older projects is. action names the step for the Undo label and the history ('Undo paste of 120 cells').
      ALTER TABLE edit_log ADD COLUMN group_seq INTEGER;
      ALTER TABLE edit_log ADD COLUMN action TEXT CHECK (action IN ('paste','clear','fill'));
      CREATE INDEX edit_log_by_group ON edit_log(group_seq) WHERE group_seq IS NOT NULL;
      -- Undone entries (the redo history) are a short tail of the log: Redo and "a new edit drops the redo history" seek
      -- them here instead of scanning a log that pastes make long.
      CREATE INDEX edit_log_undone ON edit_log(seq) WHERE undone = 1;
    `,
  },
  {
    version: 11,
    name: 'postal results from a CASS/NCOA service bureau',
    sql: `
      -- Each result file imported from a licensed service bureau (CASS, DPV, NCOA): its list, name, columns and counts.
      CREATE TABLE postal_imports (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        layout TEXT NOT NULL,           -- JSON [{field, column, header}]: which column fed what
        summary TEXT NOT NULL           -- JSON counts (matched, unmatched, dpv, vacant, moves...)
      );
      CREATE INDEX postal_imports_by_list ON postal_imports(list_id, id);
      -- The bureau's result for a record (same id as records), beside the imported and cleaned values, never over them. A
      -- later import replaces a record's row. address_key is the record's address cells when the result came in: the
      -- result speaks for that address only, so an edited address sets it aside. effect: 0 nothing to say, 1 warnings,
      -- 2 undeliverable (DPV N, vacant, moved without a forwarding address).
      CREATE TABLE postal_results (
        record_id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL,
        line_no INTEGER NOT NULL,
        address_key TEXT NOT NULL,
        effect INTEGER NOT NULL,
        address1 TEXT NOT NULL,
        address2 TEXT NOT NULL,
        city TEXT NOT NULL,
        state TEXT NOT NULL,
        zip5 TEXT NOT NULL,
        zip4 TEXT NOT NULL,
        dpv TEXT NOT NULL,              -- Y, S, D, N or '' (not matched)
        vacant INTEGER,                 -- 1, 0, NULL when the file does not say
        move TEXT NOT NULL CHECK (move IN ('none','new-address','no-forwarding')),
        move_type TEXT NOT NULL,        -- I, F, B or ''
        move_date TEXT NOT NULL,
        move_code TEXT NOT NULL,        -- the NCOA return code as written
        new_address1 TEXT NOT NULL,
        new_address2 TEXT NOT NULL,
        new_city TEXT NOT NULL,
        new_state TEXT NOT NULL,
        new_zip5 TEXT NOT NULL,
        new_zip4 TEXT NOT NULL
      );
      CREATE INDEX postal_results_by_import ON postal_results(import_id);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
