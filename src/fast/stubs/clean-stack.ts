/** clean-stack (for oclif errors' `stack`, printed only under --debug): the stack as it is. */
export default function cleanStack(stack: string): string {
  return stack
}
