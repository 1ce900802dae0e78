"""Sign requests with botocore's S3 SigV4 signers at a fixed time; print the results as JSON.

Input (stdin JSON): {"time": ISO-8601, "cases": [{method, url, headers: [[n, v]], body, region,
access_key, secret_key, session_token?, presign_expires?}]}
"""
import datetime
import json
import sys
from unittest import mock

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

cfg = json.load(sys.stdin)
now = datetime.datetime.fromisoformat(cfg["time"].replace("Z", "+00:00"))
out = []
with mock.patch.object(botocore.auth, "get_current_datetime", return_value=now):
    for case in cfg["cases"]:
        creds = Credentials(case["access_key"], case["secret_key"], case.get("session_token"))
        request = AWSRequest(method=case["method"], url=case["url"], data=case["body"].encode(), headers=dict(case["headers"]))
        if case.get("presign_expires"):
            botocore.auth.S3SigV4QueryAuth(creds, "s3", case["region"], expires=case["presign_expires"]).add_auth(request)
            out.append({"url": request.url})
        else:
            botocore.auth.S3SigV4Auth(creds, "s3", case["region"]).add_auth(request)
            out.append({"headers": [[k, v] for k, v in request.headers.items()]})
json.dump(out, sys.stdout)
