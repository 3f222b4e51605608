BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
}
AfterAll { Stop-TestSandbox }

Describe 'Export-OktaEventHook' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
        $script:hr = New-TestHook -Name 'HR sync' -EventType user.lifecycle.deactivate, group.user_membership.add -Secret 'Basic export-secret' `
            -Header @{ 'X-Tenant' = 'emea' } -Filter @{ 'group.user_membership.add' = "event.target.?[displayName eq 'HR'].size() > 0" }
        $script:plain = New-TestHook -Name 'Plain' | Disable-OktaEventHook -PassThru
        $script:path = Join-Path $TestDrive "hooks-$([guid]::NewGuid().ToString('N')).json"
        Clear-SandboxRequestLog
    }

    It 'writes a versioned document of every hook in Okta''s shape, with one list request' {
        Export-OktaEventHook -Path $path
        $document = Get-Content -LiteralPath $path -Raw | ConvertFrom-Json
        $document.schemaVersion | Should -Be 1
        $document.exportedFrom | Should -Be (Get-SandboxUrl)
        [datetime]::Parse($document.exportedAt).ToUniversalTime() | Should -BeGreaterThan ([datetime]::UtcNow.AddMinutes(-5))
        $document.eventHooks.name | Should -Be @('HR sync', 'Plain')
        $entry = $document.eventHooks[0]
        $entry.status | Should -Be 'ACTIVE'
        $entry.events.type | Should -Be 'EVENT_TYPE'
        $entry.events.items | Should -Be @('user.lifecycle.deactivate', 'group.user_membership.add')
        $entry.events.filter.eventFilterMap[0].event | Should -Be 'group.user_membership.add'
        $entry.channel.config.uri | Should -Be $hr.Uri
        $entry.channel.config.headers[0].key | Should -Be 'X-Tenant'
        $entry.channel.config.authScheme.key | Should -Be 'Authorization'
        $document.eventHooks[1].status | Should -Be 'INACTIVE'
        (Get-SandboxRequestLog).method | Should -Be 'GET'
    }

    It 'never writes a secret, and marks where one must be supplied' {
        Export-OktaEventHook -Path $path
        $text = Get-Content -LiteralPath $path -Raw
        $text | Should -Not -Match 'export-secret'
        ($text | ConvertFrom-Json).eventHooks[0].channel.config.authScheme.value | Should -Be "<secret: supply with -AuthHeaderValue @{ 'HR sync' = <SecureString> }>"
    }

    It 'exports only the hooks named, by wildcard or by id from the pipeline' {
        Export-OktaEventHook -Path $path -Name 'pl*'
        (Get-Content -LiteralPath $path -Raw | ConvertFrom-Json).eventHooks.name | Should -Be 'Plain'
        Get-OktaEventHook -Id $hr.Id | Export-OktaEventHook -Path $path
        (Get-Content -LiteralPath $path -Raw | ConvertFrom-Json).eventHooks.name | Should -Be 'HR sync'
    }

    It 'writes no file when a named hook does not exist' {
        Export-OktaEventHook -Path $path -Name 'Plain', 'Missing' -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure.FullyQualifiedErrorId | Should -Contain 'EventHookNameNotFound,OktaEventHooks.Commands.ExportOktaEventHookCommand'
        $failure.FullyQualifiedErrorId | Should -Contain 'EventHookExportIncomplete,OktaEventHooks.Commands.ExportOktaEventHookCommand'
        $path | Should -Not -Exist
    }

    It 'writes nothing with -WhatIf' {
        Export-OktaEventHook -Path $path -WhatIf
        $path | Should -Not -Exist
    }
}

Describe 'Hook views' {
    BeforeAll {
        Reset-TestSandbox
        Connect-TestSandbox
        $null = New-TestHook -Name 'Secretive' -Secret 'Basic view-secret' -Header @{ 'X-Tenant' = 'emea' }
    }

    It 'Format-List * shows no secret' {
        $text = Get-OktaEventHook | Format-List * | Out-String -Width 300
        $text | Should -Match 'Secretive'
        $text | Should -Not -Match 'view-secret'
    }

    It 'the default list view names the auth header (AuthHeaderName), never its value' {
        $text = Get-OktaEventHook | Format-List | Out-String -Width 300
        $text | Should -Match '(?m)^AuthHeaderName\s*: Authorization\s*$'
        $text | Should -Not -Match 'view-secret'
    }

    It 'ConvertTo-Json shows no secret' {
        Get-OktaEventHook | ConvertTo-Json -Depth 10 | Should -Not -Match 'view-secret'
    }

    It 'dates are local DateTime' {
        $hook = Get-OktaEventHook -Name 'Secretive'
        $hook.Created | Should -BeOfType ([datetime])
        $hook.Created.Kind | Should -Be 'Local'
    }

    It 'the default table shows the name, status, verification, event count and uri' {
        $text = Get-OktaEventHook | Format-Table | Out-String -Width 300
        $text | Should -Match 'Name\s+Status\s+Verification\s+Events\s+Uri'
    }
}
