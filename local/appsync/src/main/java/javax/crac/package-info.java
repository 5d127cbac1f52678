/**
 * The CRaC API as AWS Lambda's Java runtime provides it to SnapStart functions, for the local stack's functions.
 * {@code org.crac}, the library functions register their runtime hooks with, looks for this package first. The
 * stack defines these classes anew in each function's class loader, so each function has a global context of its
 * own; after the function's init it runs the {@code beforeCheckpoint} hooks, as Lambda does when it publishes a
 * version, then the {@code afterRestore} hooks, as Lambda does before a restored snapshot's first invocation.
 */
package javax.crac;
