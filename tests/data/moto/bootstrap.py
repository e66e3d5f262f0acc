"""Prepares a fresh moto server that runs with authentication on (INITIAL_NO_AUTH_ACTION_COUNT).

The first few calls are accepted unsigned; this script spends them on creating an IAM user with an allow-all
policy and an access key, then prints {"accessKeyId": ..., "secretAccessKey": ..., "account": ...} as JSON.
Usage: python bootstrap.py http://127.0.0.1:PORT
"""
import json
import sys

import boto3

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap",
                                region_name="us-east-1")
iam = session.client("iam", endpoint_url=endpoint)
iam.create_user(UserName="hookdesk-test")
iam.put_user_policy(UserName="hookdesk-test", PolicyName="allow-all", PolicyDocument=json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
key = iam.create_access_key(UserName="hookdesk-test")["AccessKey"]
print(json.dumps({"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"]}))
