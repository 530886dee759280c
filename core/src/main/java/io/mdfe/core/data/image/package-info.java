/** Image decoding: files and bytes to RGB rasters, with errors that name the file and format. */
package io.mdfe.core.data.image;
