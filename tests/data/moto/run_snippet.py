"""Runs a boto3 snippet against a moto server, signed with the given credentials.

Usage: python run_snippet.py ENDPOINT REGION ACCESS_KEY_ID < snippet.py  (secret in HOOKDESK_TEST_SECRET)
The snippet sees `session` (boto3 Session), `endpoint`, `region`, `client(name)` and `ensure_launch_template()`.
Whatever it assigns to `result` is printed as JSON on stdout.
"""
import json
import os
import sys

import boto3

endpoint, region, key_id = sys.argv[1], sys.argv[2], sys.argv[3]
session = boto3.session.Session(aws_access_key_id=key_id,
                                aws_secret_access_key=os.environ["HOOKDESK_TEST_SECRET"], region_name=region)


def client(name):
    return session.client(name, endpoint_url=endpoint)


def ensure_launch_template(name="hookdesk-lt"):
    ec2 = client("ec2")
    try:
        ec2.create_launch_template(LaunchTemplateName=name,
                                   LaunchTemplateData={"ImageId": "ami-12c6146b", "InstanceType": "t3.micro"})
    except ec2.exceptions.ClientError as error:
        if "AlreadyExists" not in str(error):
            raise
    return name


result = None
exec(compile(sys.stdin.read(), "<snippet>", "exec"))
print(json.dumps(result, default=str))
