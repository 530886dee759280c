/** File formats and safe file writing shared by every component. */
package io.mdfe.core.io;
