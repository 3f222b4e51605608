# The main job: a walk through every cmdlet against the local sandbox org (build.ps1 demo starts it).
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OrgUrl,
    [Parameter(Mandatory)] [string] $ApiToken
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
function Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }
# Wide enough for the tables when the output is redirected (the default is 80 columns).
function Show { $input | Out-String -Width 160 | Write-Host }

Step "Connect-OktaOrg -OrgUrl $OrgUrl -ApiToken (a SecureString)"
Connect-OktaOrg -OrgUrl $OrgUrl -ApiToken (ConvertTo-SecureString $ApiToken -AsPlainText -Force) -PassThru | Format-Table | Show

$receiver = "$OrgUrl/receiver/ok"
$secret = ConvertTo-SecureString 'Basic ZGVtbzpub3QtYS1yZWFsLXNlY3JldA==' -AsPlainText -Force

Step 'New-OktaEventHook: three hooks (one with an auth header, one with a filter)'
$hr = New-OktaEventHook -Name 'HR offboarding sync' -Uri "$receiver/hr" -EventType user.lifecycle.deactivate, user.lifecycle.suspend `
    -AuthHeaderValue $secret -Header @{ 'X-Contoso-Tenant' = 'emea-01' } -Description 'Tells HR when an account is closed'
$groups = New-OktaEventHook -Name 'Finance group joins' -Uri "$receiver/groups" -EventType group.user_membership.add, group.user_membership.remove `
    -Filter @{ 'group.user_membership.add' = "event.target.?[displayName eq 'Finance'].size() > 0" }
$audit = New-OktaEventHook -Name 'Sign-in audit' -Uri "$receiver/audit" -EventType user.session.start
"Created $($hr.Name), $($groups.Name), $($audit.Name): each ACTIVE and UNVERIFIED until verified." | Out-Host

Step 'Get-OktaEventHook (default table view)'
Get-OktaEventHook | Format-Table | Show

Step "Get-OktaEventHook -Name 'HR*' | Format-List (the secret is never shown)"
Get-OktaEventHook -Name 'HR*' | Format-List | Show

Step 'Get-OktaEventHook | Test-OktaEventHook (Okta-style verification against the sandbox receiver)'
Get-OktaEventHook | Test-OktaEventHook | Format-Table | Show

Step 'An event is delivered: the sandbox org raises user.lifecycle.deactivate; Okta POSTs it to every ACTIVE, VERIFIED hook subscribed to it'
$null = Invoke-RestMethod -Method Delete -Uri "$OrgUrl/sandbox/receiver/requests"
$event = @{ eventType = 'user.lifecycle.deactivate'; target = @(@{ type = 'User'; alternateId = 'jdoe@contoso.example'; displayName = 'John Doe' }) } | ConvertTo-Json -Depth 5
$raised = Invoke-RestMethod -Method Post -Uri "$OrgUrl/sandbox/events" -Body $event -ContentType 'application/json'
$raised.deliveries | Select-Object hookName, uri, status, attempts, delivered | Format-Table | Show
$received = $null
$received = Invoke-RestMethod -Uri "$OrgUrl/sandbox/receiver/requests"
foreach ($delivery in @($received | Where-Object method -eq 'POST')) {
    $envelope = $delivery.body | ConvertFrom-Json
    "Receiver got POST $($delivery.path): $($envelope.eventType) carrying $($envelope.data.events[0].eventType) for $($envelope.data.events[0].target[0].alternateId); auth header present: $([bool]$delivery.headers.Authorization); X-Contoso-Tenant: $($delivery.headers.'X-Contoso-Tenant')" | Out-Host
}

Step 'Test-OktaEventHookEndpoint checks a receiver before Okta does (here one that answers the challenge wrongly)'
Test-OktaEventHookEndpoint -Uri "$OrgUrl/receiver/wrong/preflight" | Format-List Uri, Passed, VerificationStatusCode, @{ Name = 'Problems'; Expression = { $_.Problems -join '; ' } } | Show

Step "Get-OktaEventHook -Name 'Sign-in*' | Disable-OktaEventHook -PassThru"
Get-OktaEventHook -Name 'Sign-in*' | Disable-OktaEventHook -PassThru | Format-Table | Show

Step 'Set-OktaEventHook without the secret is refused (Okta never returns it, so a write-back would lose it)'
Set-OktaEventHook -Id $hr.Id -AddEventType user.lifecycle.delete.initiated -ErrorAction SilentlyContinue -ErrorVariable refused
"Refused: $($refused[0].FullyQualifiedErrorId)" | Out-Host
"  $($refused[0].Exception.Message)" | Out-Host

Step 'Set-OktaEventHook -WhatIf shows the change and sends nothing'
Set-OktaEventHook -Id $hr.Id -AddEventType user.lifecycle.delete.initiated -AuthHeaderValue $secret -WhatIf

Step 'Set-OktaEventHook with the secret: only the named change is made'
Set-OktaEventHook -Id $hr.Id -AddEventType user.lifecycle.delete.initiated -AuthHeaderValue $secret -PassThru |
    Select-Object Name, Status, VerificationStatus, EventTypes, AuthHeaderName, Headers | Format-List | Show

Step 'Remove-OktaEventHook on an ACTIVE hook is refused'
Remove-OktaEventHook -Id $groups.Id -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused
"Refused: $($refused[0].FullyQualifiedErrorId)" | Out-Host
"  Recommended action: $($refused[0].ErrorDetails.RecommendedAction)" | Out-Host

Step 'Remove-OktaEventHook: the INACTIVE hook, then -Force for the ACTIVE ones'
Remove-OktaEventHook -Id $audit.Id -Confirm:$false
Get-OktaEventHook | Remove-OktaEventHook -Force -Confirm:$false
"Hooks left: $(@(Get-OktaEventHook).Count)" | Out-Host

Step 'Errors carry Okta''s code, a category and the hook id'
Get-OktaEventHook -Id whoDoesNotExist00000 -ErrorAction SilentlyContinue -ErrorVariable missing
"$($missing[0].FullyQualifiedErrorId) | $($missing[0].CategoryInfo.Category) | target $($missing[0].TargetObject)" | Out-Host

Disconnect-OktaOrg
Write-Host "`nDemo complete." -ForegroundColor Green
