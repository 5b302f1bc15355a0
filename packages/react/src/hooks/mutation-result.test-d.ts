import type { UseMutationResult } from '@tanstack/react-query';
import {
  appSchema,
  type CreateInput,
  type RefusedCell,
  type RowWithId,
  WriteRefusedError as WriteRefused,
  type WriteRefusedError,
} from '@tinysync/store';
import { describe, expectTypeOf, it } from 'vitest';
import { createHooks } from '../create-hooks.js';
import type { MutationResult } from './mutation-result.js';

const hooks = createHooks(appSchema);
type User = RowWithId<typeof appSchema, 'users'>;
type NewUser = CreateInput<typeof appSchema, 'users'>;

describe('mutation result types', () => {
  it('narrow data, error and variables by status, as React Query does', () => {
    const create = hooks.useCreateUser();
    expectTypeOf(create.data).toEqualTypeOf<User | undefined>();
    if (create.status === 'success') {
      expectTypeOf(create.data).toEqualTypeOf<User>();
      expectTypeOf(create.error).toEqualTypeOf<null>();
      expectTypeOf(create.variables).toEqualTypeOf<NewUser>();
    }
    if (create.isError) {
      expectTypeOf(create.error).toEqualTypeOf<Error>();
      expectTypeOf(create.data).toEqualTypeOf<undefined>();
    }
    if (create.isPending) {
      expectTypeOf(create.variables).toEqualTypeOf<NewUser>();
      expectTypeOf(create.data).toEqualTypeOf<undefined>();
    }
    if (create.isIdle) expectTypeOf(create.variables).toEqualTypeOf<undefined>();
    expectTypeOf(create.submittedAt).toEqualTypeOf<number>();
    expectTypeOf(create.isPaused).toEqualTypeOf<boolean>();
    expectTypeOf(create.failureCount).toEqualTypeOf<number>();
    expectTypeOf(create.failureReason).toEqualTypeOf<Error | null>();
    expectTypeOf(create.mutateAsync).returns.toEqualTypeOf<Promise<User>>();
  });

  it('infers the context from onMutate and hands it to the other callbacks', () => {
    const update = hooks.useUpdateUser({
      onMutate: (variables) => {
        expectTypeOf(variables.id).toEqualTypeOf<string>();
        return { previousName: 'Ada' };
      },
      onSuccess: (data, _variables, context) => {
        expectTypeOf(data).toEqualTypeOf<User>();
        expectTypeOf(context).toEqualTypeOf<{ previousName: string }>();
      },
      onError: (error, _variables, context) => {
        expectTypeOf(error).toEqualTypeOf<Error>();
        // onMutate may have thrown before returning one.
        expectTypeOf(context).toEqualTypeOf<{ previousName: string } | undefined>();
      },
      onSettled: (data, error, _variables, context) => {
        expectTypeOf(data).toEqualTypeOf<User | undefined>();
        expectTypeOf(error).toEqualTypeOf<Error | null>();
        expectTypeOf(context).toEqualTypeOf<{ previousName: string } | undefined>();
      },
    });
    expectTypeOf(update.context).toEqualTypeOf<{ previousName: string } | undefined>();
    // An async onMutate's context is what its promise resolves to.
    const remove = hooks.useDeleteUser({ onMutate: async () => 42 });
    expectTypeOf(remove.context).toEqualTypeOf<number | undefined>();
    expectTypeOf(remove.mutateAsync).returns.toEqualTypeOf<Promise<void>>();
  });

  it('types the per-call callbacks and variables of mutate', () => {
    const create = hooks.useCreateUser({ onMutate: () => 'ctx' as const });
    create.mutate(
      { name: 'Ada', email: 'ada@example.com' },
      {
        onSuccess: (user, variables, context) => {
          expectTypeOf(user).toEqualTypeOf<User>();
          expectTypeOf(variables).toEqualTypeOf<NewUser>();
          expectTypeOf(context).toEqualTypeOf<'ctx'>();
        },
        onError: (error) => {
          if (error instanceof WriteRefused)
            expectTypeOf(error.cells).toEqualTypeOf<readonly RefusedCell[]>();
        },
      },
    );
    // @ts-expect-error create takes the new row's cells
    create.mutate({ title: 'not a user' });
    // @ts-expect-error a per-call onMutate does not exist in React Query either
    create.mutate({ name: 'Ada', email: 'ada@example.com' }, { onMutate: () => undefined });
    expectTypeOf<WriteRefusedError['code']>().toEqualTypeOf<'write_refused'>();
  });

  it("has every field of React Query's UseMutationResult that TinySync keeps", () => {
    type Ours = MutationResult<NewUser, User, string>;
    type Theirs = UseMutationResult<User, Error, NewUser, string>;
    type Shared = Exclude<keyof Theirs, 'mutate'>;
    expectTypeOf<Shared>().toEqualTypeOf<Exclude<keyof Ours, 'mutate'>>();
    expectTypeOf<Ours['status']>().toEqualTypeOf<Theirs['status']>();
  });
});
