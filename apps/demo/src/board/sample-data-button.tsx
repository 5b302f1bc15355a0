import { useStore } from '@tinysync/react';
import type { AppSchema } from '@tinysync/store';
import { addSampleData } from './sample-data.ts';

/** Offered while the workspace is empty, so a first visit has something to look at. */
export function SampleDataButton() {
  const app = useStore<AppSchema>();
  return (
    <button
      type="button"
      className="tinysync-button"
      data-variant="primary"
      onClick={() => addSampleData(app)}
    >
      Add sample data
    </button>
  );
}
