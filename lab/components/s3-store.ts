// What an object store offers the registry: an S3 endpoint, per-run credentials and a bucket.
export interface S3Credentials {
  accessKey: string;
  secretKey: string;
}

export interface S3Store {
  readonly credentials: S3Credentials;
  readonly bucket: string;
}
