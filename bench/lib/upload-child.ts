import { multipartUpload, type UploadRequest } from './multipart';

/**
 * One multipart upload in a process of its own, started pinned to the load
 * CPU by lib/upload.ts (like autocannon): the client reading the file and
 * writing the socket stays off the server's CPU. Takes the UploadRequest as
 * JSON in argv[2], prints the UploadResult as JSON.
 */
const request = JSON.parse(process.argv[2] ?? '{}') as UploadRequest;
const result = await multipartUpload(request);
process.stdout.write(`${JSON.stringify(result)}\n`);
