export { SearchBox } from './SearchBox';
export { searchRoutes } from './search.routes';
export { searchKeys } from './search.keys';
