export interface SortState<Column extends string> {
  readonly by: Column;
  readonly descending: boolean;
}

export interface SortHeaderProps<Column extends string> {
  readonly column: Column;
  readonly label: string;
  readonly sort: SortState<Column>;
  readonly onSort: (next: SortState<Column>) => void;
}

/** A column header that sorts by its column; pressing it again reverses the order. */
export function SortHeader<Column extends string>(props: SortHeaderProps<Column>) {
  const { column, label, sort, onSort } = props;
  const active = sort.by === column;
  const direction = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={direction}>
      <button
        type="button"
        className="tinysync-sort"
        onClick={() => onSort({ by: column, descending: active && !sort.descending })}
      >
        {label}
        <span className="tinysync-sort__arrow" aria-hidden="true">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
