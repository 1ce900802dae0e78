"""boto3 over HTTPS, where botocore switches PutObject and UploadPart to
aws-chunked STREAMING-UNSIGNED-PAYLOAD-TRAILER bodies with a CRC32 trailer.

Input (stdin JSON): endpoint, bucket, access_key, secret_key.
"""
import io
import json
import os
import sys
import warnings

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

warnings.filterwarnings("ignore")
cfg = json.load(sys.stdin)
s3 = boto3.client(
    "s3",
    endpoint_url=cfg["endpoint"],
    aws_access_key_id=cfg["access_key"],
    aws_secret_access_key=cfg["secret_key"],
    region_name="auto",
    verify=False,
    config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
)
b = cfg["bucket"]
out = {}
s3.put_object(Bucket=b, Key="tls/small.txt", Body=b"hello over tls")
out["small"] = s3.get_object(Bucket=b, Key="tls/small.txt")["Body"].read().decode()
blob = os.urandom(11 * 1024 * 1024)
mb = 1024 * 1024
s3.upload_fileobj(io.BytesIO(blob), b, "tls/big.bin", Config=TransferConfig(multipart_threshold=5 * mb, multipart_chunksize=5 * mb))
out["big_same"] = s3.get_object(Bucket=b, Key="tls/big.bin")["Body"].read() == blob
json.dump(out, sys.stdout)
