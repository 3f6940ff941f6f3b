-- Search (lib/search): a stored generated tsvector over each article, its GIN index, and the "did you mean"
-- vocabulary. Hand-written where Prisma cannot express it (generated column, triggers, trigram index).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Authors and tags live in other tables, which a generated column cannot read: their names are copied into
-- "searchExtra" by the triggers below, in the same transaction as the change, so every writer (newsroom, API,
-- seed, importer, tests) keeps the index right without remembering to.
ALTER TABLE "Article" ADD COLUMN "searchExtra" TEXT NOT NULL DEFAULT '';

-- Body text is every "text" of the document (lib/documents/schema.ts): node types and attributes (link targets,
-- figure ids) are not words a reader searched for. Language: English stemming ("elections" finds "election").
ALTER TABLE "Article" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, "headline"), 'A') ||
  setweight(to_tsvector('english'::regconfig, "dek" || ' ' || "searchExtra"), 'B') ||
  setweight(to_tsvector('english'::regconfig, jsonb_path_query_array("body", 'strict $.**.text')), 'C')
) STORED;

CREATE INDEX "Article_searchVector_idx" ON "Article" USING GIN ("searchVector");

-- The names of an article's authors (in byline order) and tags.
CREATE FUNCTION h7_search_extra(article_id INTEGER) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT concat_ws(' ',
    (SELECT string_agg(au.name, ' ' ORDER BY aa.position) FROM "ArticleAuthor" aa
       JOIN "Author" au ON au.id = aa."authorId" WHERE aa."articleId" = article_id),
    (SELECT string_agg(t.name, ' ' ORDER BY t.name) FROM "ArticleTag" at
       JOIN "Tag" t ON t.id = at."tagId" WHERE at."articleId" = article_id))
$$;

CREATE FUNCTION h7_refresh_search_extra(ids INTEGER[]) RETURNS VOID LANGUAGE sql AS $$
  UPDATE "Article" a SET "searchExtra" = h7_search_extra(a.id)
  WHERE a.id = ANY(ids) AND a."searchExtra" IS DISTINCT FROM h7_search_extra(a.id)
$$;

-- Statement-level triggers with transition tables: a save that writes five tags in one INSERT refreshes the
-- article once, not five times.
CREATE FUNCTION h7_links_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM h7_refresh_search_extra(ARRAY(SELECT DISTINCT "articleId" FROM new_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION h7_links_deleted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM h7_refresh_search_extra(ARRAY(SELECT DISTINCT "articleId" FROM old_rows));
  RETURN NULL;
END $$;
CREATE FUNCTION h7_links_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM h7_refresh_search_extra(ARRAY(SELECT "articleId" FROM new_rows UNION SELECT "articleId" FROM old_rows));
  RETURN NULL;
END $$;

CREATE TRIGGER h7_article_author_ins AFTER INSERT ON "ArticleAuthor" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION h7_links_inserted();
CREATE TRIGGER h7_article_author_del AFTER DELETE ON "ArticleAuthor" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION h7_links_deleted();
CREATE TRIGGER h7_article_author_upd AFTER UPDATE ON "ArticleAuthor" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION h7_links_updated();
CREATE TRIGGER h7_article_tag_ins AFTER INSERT ON "ArticleTag" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION h7_links_inserted();
CREATE TRIGGER h7_article_tag_del AFTER DELETE ON "ArticleTag" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION h7_links_deleted();

-- A renamed author or tag: every article carrying it (rare; at a million articles a prolific author's rename
-- rewrites their rows in the rename's transaction, which is the price of one index for everything).
CREATE FUNCTION h7_author_renamed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM h7_refresh_search_extra(ARRAY(SELECT aa."articleId" FROM "ArticleAuthor" aa WHERE aa."authorId" = NEW.id));
  RETURN NULL;
END $$;
CREATE FUNCTION h7_tag_renamed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM h7_refresh_search_extra(ARRAY(SELECT at."articleId" FROM "ArticleTag" at WHERE at."tagId" = NEW.id));
  RETURN NULL;
END $$;
CREATE TRIGGER h7_author_renamed AFTER UPDATE OF name ON "Author"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION h7_author_renamed();
CREATE TRIGGER h7_tag_renamed AFTER UPDATE OF name ON "Tag"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION h7_tag_renamed();

-- "Did you mean": the words readers can find, counted per published article. Only published articles add words
-- and leaving "published" takes them away again, so a draft's words are never suggested; the count lets a word
-- disappear when its last article goes. Stop words and very short or long words are not worth suggesting.
CREATE TABLE "SearchWord" (
    "word" TEXT NOT NULL,
    "articles" INTEGER NOT NULL,
    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("word")
);
CREATE INDEX "SearchWord_word_idx" ON "SearchWord" USING GIN ("word" gin_trgm_ops);

CREATE FUNCTION h7_words(headline TEXT, dek TEXT, extra TEXT) RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE(array_agg(w ORDER BY w), '{}') FROM unnest(tsvector_to_array(
    to_tsvector('simple'::regconfig, headline || ' ' || dek || ' ' || extra))) AS w
  WHERE length(w) BETWEEN 4 AND 30 AND w ~ '^[[:alpha:]]+$' AND ts_lexize('english_stem', w) <> '{}'
$$;

CREATE FUNCTION h7_article_words() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  old_words TEXT[] := '{}';
  new_words TEXT[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'PUBLISHED' THEN
    old_words := h7_words(OLD.headline, OLD.dek, OLD."searchExtra");
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'PUBLISHED' THEN
    new_words := h7_words(NEW.headline, NEW.dek, NEW."searchExtra");
  END IF;
  IF old_words = new_words THEN RETURN NULL; END IF;
  -- Sorted, so two concurrent saves lock shared words in the same order (no deadlock).
  INSERT INTO "SearchWord" (word, articles)
    SELECT w, 1 FROM unnest(new_words) w WHERE NOT w = ANY(old_words) ORDER BY w
    ON CONFLICT (word) DO UPDATE SET articles = "SearchWord".articles + 1;
  UPDATE "SearchWord" SET articles = articles - 1
    WHERE word IN (SELECT w FROM unnest(old_words) w WHERE NOT w = ANY(new_words));
  DELETE FROM "SearchWord" WHERE articles <= 0 AND word = ANY(old_words);
  RETURN NULL;
END $$;
CREATE TRIGGER h7_article_words AFTER INSERT OR UPDATE OR DELETE ON "Article"
  FOR EACH ROW EXECUTE FUNCTION h7_article_words();
