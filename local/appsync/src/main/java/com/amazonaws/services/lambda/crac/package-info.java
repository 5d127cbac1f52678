/**
 * The CRaC API as AWS Lambda's Java runtime provides it, for the local stack's functions. Lambda starts its Java
 * runtimes with {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}, so {@code org.crac}, the library
 * functions register their runtime hooks with, uses this package; the stack sets the same property and defines these
 * classes anew in each function's class loader, so each function has a global context of its own. For a SnapStart
 * function the stack runs the {@code beforeCheckpoint} hooks after its init, as Lambda does when it publishes a
 * version, then the {@code afterRestore} hooks, as Lambda does when it restores the snapshot.
 */
package com.amazonaws.services.lambda.crac;
