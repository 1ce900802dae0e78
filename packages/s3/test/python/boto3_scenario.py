"""Drive the S3 endpoint with boto3 and report what it saw as JSON on stdout.

Input (stdin JSON): endpoint, bucket, access_key, secret_key, tmpdir.
"""
import hashlib
import json
import os
import sys
import urllib.request

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

cfg = json.load(sys.stdin)
out = {}


def client(secret=None):
    return boto3.client(
        "s3",
        endpoint_url=cfg["endpoint"],
        aws_access_key_id=cfg["access_key"],
        aws_secret_access_key=secret or cfg["secret_key"],
        region_name="auto",
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )


def error_of(fn):
    try:
        fn()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


s3 = client()
b = cfg["bucket"]

out["buckets"] = [x["Name"] for x in s3.list_buckets()["Buckets"]]
s3.head_bucket(Bucket=b)

body = b"0123456789abcdefghij"
put = s3.put_object(Bucket=b, Key="dir/hello world.txt", Body=body, ContentType="text/plain", Metadata={"owner": "s3-test"})
out["put_etag"] = put["ETag"]
out["md5"] = hashlib.md5(body).hexdigest()
got = s3.get_object(Bucket=b, Key="dir/hello world.txt")
out["get"] = {
    "body": got["Body"].read().decode(),
    "content_type": got["ContentType"],
    "metadata": got["Metadata"],
    "length": got["ContentLength"],
}
head = s3.head_object(Bucket=b, Key="dir/hello world.txt")
out["head"] = {"length": head["ContentLength"], "etag": head["ETag"]}

r = s3.get_object(Bucket=b, Key="dir/hello world.txt", Range="bytes=2-5")
out["range"] = {"body": r["Body"].read().decode(), "content_range": r["ContentRange"], "status": r["ResponseMetadata"]["HTTPStatusCode"]}
r = s3.get_object(Bucket=b, Key="dir/hello world.txt", Range="bytes=-3")
out["suffix"] = {"body": r["Body"].read().decode(), "content_range": r["ContentRange"]}
r = s3.get_object(Bucket=b, Key="dir/hello world.txt", Range="bytes=15-")
out["open_range"] = r["Body"].read().decode()
out["range_416"] = error_of(lambda: s3.get_object(Bucket=b, Key="dir/hello world.txt", Range="bytes=100-200"))
out["if_none_match_304"] = error_of(lambda: s3.get_object(Bucket=b, Key="dir/hello world.txt", IfNoneMatch=put["ETag"]))
out["if_match_412"] = error_of(lambda: s3.get_object(Bucket=b, Key="dir/hello world.txt", IfMatch='"nope"'))
out["if_match_ok"] = s3.get_object(Bucket=b, Key="dir/hello world.txt", IfMatch=put["ETag"])["Body"].read().decode()
out["no_such_key"] = error_of(lambda: s3.get_object(Bucket=b, Key="missing"))
out["no_such_bucket"] = error_of(lambda: s3.get_object(Bucket="nope", Key="x"))
out["head_missing"] = error_of(lambda: s3.head_object(Bucket=b, Key="missing"))

out["conditional_put_412"] = error_of(lambda: s3.put_object(Bucket=b, Key="dir/hello world.txt", Body=b"x", IfNoneMatch="*"))
s3.put_object(Bucket=b, Key="cond/new", Body=b"first", IfNoneMatch="*")
out["conditional_put_new"] = s3.get_object(Bucket=b, Key="cond/new")["Body"].read().decode()

s3.copy_object(Bucket=b, Key="copy/of hello", CopySource={"Bucket": b, "Key": "dir/hello world.txt"})
out["copy"] = s3.get_object(Bucket=b, Key="copy/of hello")["Body"].read().decode()

for i in range(7):
    s3.put_object(Bucket=b, Key=f"list/a/{i:02d}.bin", Body=bytes([i]) * i)
for k in ["list/b/x", "list/c", "list/d/y/z", "list/+plus&amp"]:
    s3.put_object(Bucket=b, Key=k, Body=b"k")

pages = []
keys = []
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=b, Prefix="list/", PaginationConfig={"PageSize": 3}):
    pages.append(page["KeyCount"])
    keys += [c["Key"] for c in page.get("Contents", [])]
out["v2_pages"] = pages
out["v2_keys"] = keys
d = s3.list_objects_v2(Bucket=b, Prefix="list/", Delimiter="/")
out["v2_delimited"] = {
    "keys": [c["Key"] for c in d.get("Contents", [])],
    "prefixes": [p["Prefix"] for p in d.get("CommonPrefixes", [])],
    "key_count": d["KeyCount"],
    "truncated": d["IsTruncated"],
}
dp = []
for page in s3.get_paginator("list_objects_v2").paginate(Bucket=b, Prefix="list/", Delimiter="/", PaginationConfig={"PageSize": 1}):
    dp += [p["Prefix"] for p in page.get("CommonPrefixes", [])] + [c["Key"] for c in page.get("Contents", [])]
out["v2_delimited_paged"] = dp
sa = s3.list_objects_v2(Bucket=b, Prefix="list/a/", StartAfter="list/a/04.bin")
out["v2_start_after"] = [c["Key"] for c in sa.get("Contents", [])]
v1 = []
for page in s3.get_paginator("list_objects").paginate(Bucket=b, Prefix="list/", PaginationConfig={"PageSize": 4}):
    v1 += [c["Key"] for c in page.get("Contents", [])]
out["v1_keys"] = v1

deleted = s3.delete_objects(Bucket=b, Delete={"Objects": [{"Key": f"list/a/{i:02d}.bin"} for i in range(7)]})
out["deleted"] = sorted(x["Key"] for x in deleted.get("Deleted", []))
out["after_delete"] = [c["Key"] for c in s3.list_objects_v2(Bucket=b, Prefix="list/a/").get("Contents", [])]
s3.delete_object(Bucket=b, Key="list/c")
out["delete_missing_ok"] = s3.delete_object(Bucket=b, Key="never/was")["ResponseMetadata"]["HTTPStatusCode"]

path = os.path.join(cfg["tmpdir"], "big.bin")
blob = os.urandom(12 * 1024 * 1024 + 12345)
with open(path, "wb") as f:
    f.write(blob)
mb = 1024 * 1024
s3.upload_file(path, b, "big/multipart.bin", Config=TransferConfig(multipart_threshold=5 * mb, multipart_chunksize=5 * mb, max_concurrency=2))
big = s3.get_object(Bucket=b, Key="big/multipart.bin")
data = big["Body"].read()
out["multipart"] = {"same": data == blob, "etag": big["ETag"], "size": len(data)}

url = s3.generate_presigned_url("get_object", Params={"Bucket": b, "Key": "dir/hello world.txt"}, ExpiresIn=300)
with urllib.request.urlopen(url) as resp:
    out["presigned"] = resp.read().decode()
try:
    urllib.request.urlopen(url.replace("hello", "jello"))
    out["presigned_tampered"] = None
except urllib.error.HTTPError as e:
    out["presigned_tampered"] = {"status": e.code, "body": e.read().decode()}

out["wrong_secret"] = error_of(lambda: client("not-the-secret").get_object(Bucket=b, Key="dir/hello world.txt"))
out["wrong_secret_put"] = error_of(lambda: client("not-the-secret").put_object(Bucket=b, Key="x", Body=b"x"))

json.dump(out, sys.stdout)
