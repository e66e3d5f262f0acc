#!/usr/bin/env python3
"""Drives a running hookdesk-sim's IAM Identity Center (SSO OIDC + portal) with boto3 and checks every answer.

Usage: boto3_sso.py ENDPOINT_URL
The simulator must run with --sso-approve manual and a real-time clock (--time-scale 1): the script approves the
device authorization itself (POST /sso/approve) and waits out the interval the slow_down added.
Exit 0 when every check passes; otherwise prints the first failure and exits 1. Run by tests/tst_sim_boto3.cpp.
"""
import json
import sys
import time
import urllib.request

import boto3
import botocore.config

endpoint = sys.argv[1].rstrip("/")
config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
session = boto3.session.Session(region_name="us-east-1")
oidc = session.client("sso-oidc", endpoint_url=endpoint, config=config)
sso = session.client("sso", endpoint_url=endpoint, config=config)
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def check(condition, message):
    if not condition:
        print("FAIL: " + message)
        sys.exit(1)


def expect(exception, call, **kwargs):
    try:
        call(**kwargs)
    except exception as error:
        return error
    except Exception as error:  # noqa: BLE001 - report what came instead
        check(False, "expected %s, got %r" % (exception.__name__, error))
    check(False, "expected %s, call succeeded" % exception.__name__)


def answer_user(path, user_code):
    request = urllib.request.Request(endpoint + path, data=json.dumps({"userCode": user_code}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request) as reply:
        check(reply.status == 200, "%s answered %d" % (path, reply.status))


client = oidc.register_client(clientName="boto3-sso", clientType="public", scopes=["sso:account:access"])
check(client["clientId"] and client["clientSecret"], "RegisterClient answer")
check(client["clientSecretExpiresAt"] > client["clientIdIssuedAt"], "secret expires after it was issued")
ids = {"clientId": client["clientId"], "clientSecret": client["clientSecret"]}
expect(oidc.exceptions.InvalidClientException, oidc.start_device_authorization, clientId=client["clientId"],
       clientSecret="wrong", startUrl="https://d-1234567890.awsapps.com/start")

# The device flow: pending, too fast, approved by the user, tokens, and the code is spent.
device = oidc.start_device_authorization(startUrl="https://d-1234567890.awsapps.com/start", **ids)
check(device["verificationUriComplete"].endswith("user_code=" + device["userCode"]), "verificationUriComplete")
check(device["expiresIn"] == 600 and device["interval"] == 1, "expiresIn/interval: %r" % device)
poll = dict(grantType=DEVICE_GRANT, deviceCode=device["deviceCode"], **ids)
pending = expect(oidc.exceptions.AuthorizationPendingException, oidc.create_token, **poll)
check(pending.response["error"] == "authorization_pending", "pending error body: %r" % pending.response)
expect(oidc.exceptions.SlowDownException, oidc.create_token, **poll)
answer_user("/sso/approve", device["userCode"])
time.sleep(device["interval"] + 5 + 0.3)
tokens = oidc.create_token(**poll)
check(tokens["tokenType"] == "Bearer" and tokens["expiresIn"] == 3600 and tokens["accessToken"], "tokens")
expect(oidc.exceptions.InvalidGrantException, oidc.create_token, **poll)
expect(oidc.exceptions.UnsupportedGrantTypeException, oidc.create_token, grantType="password", **ids)

denied = oidc.start_device_authorization(startUrl="https://d-1234567890.awsapps.com/start", **ids)
answer_user("/sso/deny", denied["userCode"])
expect(oidc.exceptions.AccessDeniedException, oidc.create_token, grantType=DEVICE_GRANT,
       deviceCode=denied["deviceCode"], **ids)

# Refresh tokens rotate: the old one is refused once used.
renewed = oidc.create_token(grantType="refresh_token", refreshToken=tokens["refreshToken"], **ids)
check(renewed["accessToken"] != tokens["accessToken"] and renewed["refreshToken"] != tokens["refreshToken"],
      "a refresh hands out new tokens")
expect(oidc.exceptions.InvalidGrantException, oidc.create_token, grantType="refresh_token",
       refreshToken=tokens["refreshToken"], **ids)
token = renewed["accessToken"]

# The portal: pages of accounts and roles, role credentials that STS and Auto Scaling accept, logout.
first = sso.list_accounts(accessToken=token, maxResults=2)
check(len(first["accountList"]) == 2 and "nextToken" in first, "first page of accounts")
accounts = [a for page in sso.get_paginator("list_accounts").paginate(
    accessToken=token, PaginationConfig={"PageSize": 1}) for a in page["accountList"]]
check(len(accounts) == 3 and accounts[0]["accountId"] == "123456789012" and accounts[0]["accountName"],
      "accounts: %r" % accounts)
roles = [r for page in sso.get_paginator("list_account_roles").paginate(
    accessToken=token, accountId=accounts[1]["accountId"], PaginationConfig={"PageSize": 1}) for r in page["roleList"]]
check([r["roleName"] for r in roles] == ["AdministratorAccess", "ReadOnlyAccess"], "roles: %r" % roles)
expect(sso.exceptions.ResourceNotFoundException, sso.list_account_roles, accessToken=token, accountId="999999999999")
role = sso.get_role_credentials(accessToken=token, accountId="123456789012", roleName="ReadOnlyAccess")
creds = role["roleCredentials"]
check(creds["accessKeyId"].startswith("ASIA") and creds["expiration"] > time.time() * 1000, "role credentials")
as_role = boto3.session.Session(aws_access_key_id=creds["accessKeyId"], aws_secret_access_key=creds["secretAccessKey"],
                                aws_session_token=creds["sessionToken"], region_name="us-east-1")
who = as_role.client("sts", endpoint_url=endpoint, config=config).get_caller_identity()
check(who["Arn"].startswith("arn:aws:sts::123456789012:assumed-role/ReadOnlyAccess/"), "identity: " + who["Arn"])
as_role.client("autoscaling", endpoint_url=endpoint, config=config).describe_auto_scaling_groups()
expect(sso.exceptions.ResourceNotFoundException, sso.get_role_credentials, accessToken=token,
       accountId="123456789012", roleName="NoSuchRole")

sso.logout(accessToken=token)
expect(sso.exceptions.UnauthorizedException, sso.list_accounts, accessToken=token)
expect(sso.exceptions.UnauthorizedException, sso.get_role_credentials, accessToken="not-a-token",
       accountId="123456789012", roleName="ReadOnlyAccess")
print("OK")
