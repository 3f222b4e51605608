BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    $script:gaCount = @(Get-Content (Join-Path $PSScriptRoot '../src/OktaEventHooks/Catalog/event-types.txt') | Where-Object { $_.Trim() }).Count
    $script:betaCount = @(Get-Content (Join-Path $PSScriptRoot '../src/OktaEventHooks/Catalog/event-types-beta.txt') | Where-Object { $_.Trim() }).Count
}
AfterAll { Stop-TestSandbox }

Describe 'Get-OktaEventType' {
    It 'lists the generally available catalog without -IncludeBeta' {
        $types = Get-OktaEventType
        $types.Count | Should -Be $gaCount
        $types | Where-Object Beta | Should -BeNullOrEmpty
        $types[0] | Should -BeOfType ([OktaEventHooks.OktaEventType])
    }

    It 'adds the beta types with -IncludeBeta' {
        $types = Get-OktaEventType -IncludeBeta
        $types.Count | Should -Be ($gaCount + $betaCount)
        @($types | Where-Object Beta).Count | Should -Be $betaCount
    }

    It 'filters by wildcard, ignoring case, and names the first segment as Category' {
        $types = Get-OktaEventType -Name 'USER.LIFECYCLE.*'
        $types.Name | Should -Contain 'user.lifecycle.deactivate'
        $types.Category | Select-Object -Unique | Should -Be 'user'
    }

    It 'writes EventTypeNotFound with the nearest names for a plain name not in the catalog' {
        Get-OktaEventType -Name 'user.lifecycle.deactivte' -ErrorAction SilentlyContinue -ErrorVariable failure | Should -BeNullOrEmpty
        $failure[0].FullyQualifiedErrorId | Should -Be 'EventTypeNotFound,OktaEventHooks.Commands.GetOktaEventTypeCommand'
        $failure[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($failure[0])" | Should -Match 'user\.lifecycle\.deactivate'
    }

    It 'writes no error for a wildcard that matches nothing' {
        Get-OktaEventType -Name 'nothing.like.this*' -ErrorVariable failure | Should -BeNullOrEmpty
        $failure | Should -BeNullOrEmpty
    }

    It 'sends no request' {
        Clear-SandboxRequestLog
        $null = Get-OktaEventType -IncludeBeta
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }
}

Describe 'Event types outside the catalog' {
    BeforeAll { Reset-TestSandbox; Connect-TestSandbox }

    It 'New-OktaEventHook warns with the nearest known name but does not refuse' {
        New-OktaEventHook -Name 'typo' -Uri (Get-ReceiverUri) -EventType 'user.lifecycle.deactivte' -WhatIf -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -Match "'user\.lifecycle\.deactivte' \(did you mean user\.lifecycle\.deactivate"
    }

    It 'New-OktaEventHook says nothing about known types, beta ones included' {
        $beta = (Get-OktaEventType -IncludeBeta | Where-Object Beta | Select-Object -First 1).Name
        New-OktaEventHook -Name 'known' -Uri (Get-ReceiverUri) -EventType user.lifecycle.create, $beta -WhatIf -WarningVariable warned
        $warned | Should -BeNullOrEmpty
    }

    It 'Set-OktaEventHook warns about an unknown added type' {
        $hook = New-TestHook -Name 'set-target'
        Set-OktaEventHook -Id $hook.Id -AddEventType 'group.user_membership.ad' -WhatIf -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -Match 'group\.user_membership\.add'
    }
}
