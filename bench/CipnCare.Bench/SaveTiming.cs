using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Instruments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CipnCare.Bench;

/// <summary>
/// The write of one check-in, timed alone (issue #17): a copy of the newest stored response with its scores and an audit
/// event, saved by a new context as the app saves a submission (<see cref="SubmitResponse.SaveAsync"/>: on SQLite a
/// transaction at the write gate, the response and scores by RowInserts, the audit event by EF and the audit chain), one
/// after another on a SQLite database; with <c>ef</c> (wholeByEf), all of it by EF's SaveChanges, as before. On SQLite
/// that save is what holds the one write lock, so its time bounds the submissions per second. Prints the median and mean
/// wall time and the thread's CPU time per save, after a warm-up. Not part of the app.
/// </summary>
public static partial class SaveTiming
{
    public static async Task<int> RunAsync(string connection, int count, bool wholeByEf)
    {
        // Options built once and contexts pooled, as the app's (DatabaseSetup.AddDatabase).
        var options = new DbContextOptionsBuilder<CipnDbContext>();
        DatabaseSetup.UseSqlite(options, connection, DatabaseSetup.LoadMigrationsAssembly(DatabaseProvider.Sqlite)).AddInterceptors(AuditChain.Interceptor);
        var contexts = new PooledDbContextFactory<CipnDbContext>(options.Options);
        CipnDbContext NewContext() => contexts.CreateDbContext();

        Guid template;
        await using (var db = NewContext())
        {
            template = await db.InstrumentResponses.Where(r => r.Scores.Count > 0).OrderByDescending(r => r.AuthoredAt).Select(r => r.Id).FirstAsync();
        }

        var wall = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < count; i++)
        {
            await using var db = NewContext();
            var response = await db.InstrumentResponses.AsNoTracking().Include(r => r.Scores).SingleAsync(r => r.Id == template);
            response.Id = Guid.CreateVersion7();
            response.SubmissionKey = null;
            foreach (var score in response.Scores)
            {
                score.Id = Guid.CreateVersion7();
                score.ResponseId = response.Id;
            }

            db.AuditEvents.Add(new AuditEvent { At = TimeProvider.System.GetUtcNow().UtcDateTime, UserId = "bench", Action = "submit questionnaire response", Outcome = AuditOutcome.Success, PatientId = response.PatientId, Detail = $"response {response.Id}" });
            var cpuBefore = ThreadCpu();
            var started = Stopwatch.GetTimestamp();
            if (wholeByEf)
            {
                db.InstrumentResponses.Add(response);
                await db.SaveChangesAsync();
            }
            else
            {
                await SubmitResponse.SaveAsync(db, response, CancellationToken.None);
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var used = (ThreadCpu() - cpuBefore) / 1e6;
            if (i >= count / 4)
            {
                wall.Add(elapsed);
                cpu.Add(used);
            }
        }

        wall.Sort();
        cpu.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"saves {wall.Count}: wall median {wall[wall.Count / 2]:F3} ms, mean {wall.Average():F3} ms; thread CPU median {cpu[cpu.Count / 2]:F3} ms, mean {cpu.Average():F3} ms"));
        return 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>The calling thread's CPU time in nanoseconds (CLOCK_THREAD_CPUTIME_ID); a save on SQLite runs on one thread.</summary>
    private static long ThreadCpu() => ClockGetTime(3, out var t) == 0 ? (t.Seconds * 1_000_000_000) + t.Nanoseconds : throw new InvalidOperationException("clock_gettime failed");
}
