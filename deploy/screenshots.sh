#!/usr/bin/env bash
# Regenerates the README's screenshots: runs the Chromium tests that take them (every page state they visit lands in
# it-tests/target/screenshots/), then copies the main ones to docs/images/. Needs what `mvn -B verify` needs.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify -pl it-tests -am -Djazzer.skip -Dfuzz.seconds=0 -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='AccessibilityIT,PushApprovalBrowserIT'
for shot in otp-signing-in-as factor-choice factor-push-page code-countdown phone-sms-code; do
  cp "it-tests/target/screenshots/$shot.png" "docs/images/$shot.png"
done
echo "Copied to docs/images/."
