/**
 * Thrown by a Suspense query hook to its error boundary when the device is offline and this
 * store has nothing local yet: suspending would show the fallback for as long as the device stays
 * offline, and an empty list would pretend the table is empty. Reset the boundary once online.
 */
export class OfflineWithoutDataError extends Error {
  override readonly name = 'OfflineWithoutDataError';

  constructor() {
    super('Offline, and this device has no data of this store yet: connect once to load it.');
  }
}
