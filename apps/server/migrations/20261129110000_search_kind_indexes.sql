-- People and playlists get full-text indexes of their own. Through the one
-- index of every document, a search of people for a word common among
-- tracks ("love": 15,000 tracks at 1M) found every document holding it and
-- read each to keep the few people among them, and the playlists group did
-- the same to find none: a cost that grew with the number of tracks. Each
-- kind's search is planned with its kind known, so Postgres picks these.
-- Tracks, nearly all the documents, keep the general index.
CREATE INDEX search_documents_user_text_idx ON search_documents USING gin (document) WHERE kind = 'user';
CREATE INDEX search_documents_playlist_text_idx ON search_documents USING gin (document) WHERE kind = 'playlist';
