/** Root class of a kit component: the shared `tinysync` base, its block, and the caller's class. */
export function kitClassName(block: string, className: string | undefined): string {
  return className === undefined
    ? `tinysync tinysync-${block}`
    : `tinysync tinysync-${block} ${className}`;
}
