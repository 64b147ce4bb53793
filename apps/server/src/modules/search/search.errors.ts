import { BadRequest } from '@/platform/http/errors';

export const QUERY_MAX_LENGTH = 200;

export class SearchQueryEmpty extends BadRequest {
  constructor() {
    super('SEARCH_QUERY_EMPTY', 'Empty search', 'Type at least one character to search for.', [
      { path: 'querystring/q', message: 'Must not be empty' },
    ]);
  }
}

export class SearchQueryTooLong extends BadRequest {
  constructor() {
    super('SEARCH_QUERY_TOO_LONG', 'Search too long', `Search for at most ${QUERY_MAX_LENGTH} characters.`, [
      { path: 'querystring/q', message: `At most ${QUERY_MAX_LENGTH} characters` },
    ]);
  }
}

export class InvalidSearchFilters extends BadRequest {
  constructor(path: string, message: string) {
    super('INVALID_SEARCH_FILTERS', 'Invalid search filters', message, [{ path, message }]);
  }
}

export class InvalidCursor extends BadRequest {
  constructor() {
    super('INVALID_CURSOR', 'Invalid cursor', 'Pass a cursor from a previous answer to the same search.', [
      { path: 'querystring/cursor', message: 'Not a cursor this search gave out' },
    ]);
  }
}
