using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CipnCare.Web.Tests;

/// <summary>
/// Issue #17: a check-in's access check, the alert rules' reads and its save share one database connection. EF opened
/// and closed it for each (on SQLite every open also registers EF's functions and sets the busy timeout): 6 opens per
/// API submission, now 3. Counted from EF's own events for the one request, by its path (background work has no request).
/// </summary>
public abstract class SubmissionConnectionTests(CipnApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACheckIn_OpensTheDatabaseThreeTimes_TheAccount_TheQuestionnaire_AndOneForTheRest()
    {
        var team = await app.CreateTeamAsync();
        var (patient, login) = await app.CreatePatientAsync(team);
        var client = await app.ClientForAsync(login!);
        var opened = new ConcurrentQueue<string>();
        var http = app.Services.GetRequiredService<IHttpContextAccessor>();
        var counting = false;
        using var subscription = EfEvents.Subscribe(RelationalEventId.ConnectionOpened.Name!, () =>
        {
            if (Volatile.Read(ref counting) && http.HttpContext?.Request.Path.Value?.Contains(patient.ToString(), StringComparison.Ordinal) == true)
            {
                opened.Enqueue(new StackTrace().ToString());
            }
        });
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(1), Ct)).StatusCode);

        // EF decides whether anyone listens to its connection events at most once a second (CoreOptionsExtension.LoggingCacheTime).
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        Volatile.Write(ref counting, true);
        Assert.Equal(HttpStatusCode.Created, (await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(2), Ct)).StatusCode);

        // The bearer's account still standing, the questionnaire by its URL, then the submission itself: the access check,
        // the team's alert settings, the earlier check-ins the rules compare with, the save.
        Assert.True(opened.Count == 3, $"{opened.Count} opens:\n{string.Join("\n----\n", opened)}");
    }

    /// <summary>EF Core's events, as a DiagnosticListener publishes them for every context in the process.</summary>
    private sealed class EfEvents(string name, Action seen) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public static EfEvents Subscribe(string name, Action seen)
        {
            var events = new EfEvents(name, seen);
            events._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(events));
            return events;
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == Microsoft.EntityFrameworkCore.DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == name)
            {
                seen();
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}

public sealed class SubmissionConnectionOnSqlite(SqliteApp app) : SubmissionConnectionTests(app), IClassFixture<SqliteApp>;

public sealed class SubmissionConnectionOnPostgres(PostgresApp app) : SubmissionConnectionTests(app), IClassFixture<PostgresApp>;
