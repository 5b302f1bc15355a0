// IndexedDB for the React bench's DOM in Node (loaded after the DOM is registered).
import 'fake-indexeddb/auto';
