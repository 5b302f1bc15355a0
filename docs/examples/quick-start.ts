import {
  createTinySyncStore,
  defineSchema,
  memoryPersister,
  ref,
  ValidationError,
} from '@tinysync/store';
import * as z from 'zod';

// One schema: the TinyBase tables, the TypeScript row types and the validation all come from it.
const blogSchema = defineSchema({
  tables: {
    authors: { cells: { name: z.string().min(1), email: z.email() } },
    posts: {
      cells: {
        title: z.string().min(1),
        authorId: ref('authors'),
        published: z.boolean().default(false),
      },
      indexes: { postsByAuthor: { on: 'authorId', sortBy: 'title' } },
    },
  },
});

// In a browser, use indexedDbPersister('my-blog') to keep the data across reloads.
const blog = createTinySyncStore(blogSchema, { persister: memoryPersister() });
await blog.ready;

const ada = blog.tables.authors.create({ name: 'Ada', email: 'ada@example.com' });
blog.batch(() => {
  blog.tables.posts.create({ title: 'Notes on the Engine', authorId: ada.id });
  blog.tables.posts.create({ title: 'A Sketch', authorId: ada.id, published: true });
});

export const published = blog.tables.posts.list({ where: { published: true } });
export const adasPosts = blog.indexes.getSliceRowIds('postsByAuthor', ada.id);

try {
  blog.tables.authors.create({ name: '', email: 'not-an-email' });
} catch (error) {
  if (error instanceof ValidationError) {
    console.log(error.issues); // [{ cellId: 'name', … }, { cellId: 'email', … }]; nothing was written
  }
}

blog.undo(); // reverts the whole batch: both posts go
export const postsAfterUndo = blog.tables.posts.count();
