/**
 * {@code multipart/form-data} uploads (RFC 7578): {@link dev.wisp.web.multipart.MultipartReader}
 * streams parts from a request body with bounded memory, {@link dev.wisp.web.multipart.Part} is
 * one part as it arrives, {@link dev.wisp.web.multipart.UploadedFile} a file part read to memory
 * or a temporary file, {@link dev.wisp.web.multipart.MultipartLimits} the bounds. Routes reach them
 * through {@code WebRequest.multipart()}, {@code form()} and {@code files()}, which also delete the
 * temporary files when the response is done.
 */
package dev.wisp.web.multipart;
