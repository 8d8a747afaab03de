using System.Net;
using CipnCare.Clinical.Alerts;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Instruments;
using CipnCare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests;

/// <summary>
/// On SQLite a check-in's response and scores are inserted by <see cref="RowInserts"/>, not EF's save pipeline (issue
/// #17): each column must be stored exactly as EF stores it — the same SQLite type and the same value, or the app's own
/// queries (a Guid compared as text, a date compared as text, an enum by its name) would no longer find the row.
/// </summary>
public sealed class RowInsertsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AResponseAndItsScores_AreStoredColumnForColumn_AsEfStoresThem()
    {
        var (patient, instrument) = await PatientAndInstrumentAsync();
        var (efKey, insertsKey) = ($"by-ef-{patient:N}", $"by-inserts-{patient:N}");
        var byEf = Response(patient, instrument, efKey);
        var byInserts = Response(patient, instrument, insertsKey);
        await app.WithDbAsync(async db =>
        {
            db.InstrumentResponses.Add(byEf);
            return await db.SaveChangesAsync(Ct);
        });
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await RowInserts.InsertAsync(db, [byInserts], Ct);
            await RowInserts.InsertAsync(db, byInserts.Scores, Ct);
            await transaction.CommitAsync(Ct);
            return 0;
        });

        // Every column as SQLite holds it (its type and its SQL literal), the ids and key of one row put in for the other's.
        var same = new Dictionary<string, string> { [byEf.Id.ToString()] = byInserts.Id.ToString(), [efKey] = insertsKey };
        foreach (var (ef, inserted) in byEf.Scores.Zip(byInserts.Scores))
        {
            same[ef.Id.ToString()] = inserted.Id.ToString();
        }

        Assert.Equal(Swapped(await StoredAsync<InstrumentResponse>("InstrumentResponses", efKey), same), await StoredAsync<InstrumentResponse>("InstrumentResponses", insertsKey));
        Assert.Equal(Swapped(await StoredAsync<ResponseScore>("ResponseScores", efKey), same), await StoredAsync<ResponseScore>("ResponseScores", insertsKey));

        // And read back through EF, the same values as saved.
        var read = await app.WithDbAsync(db => db.InstrumentResponses.AsNoTracking().Include(r => r.Scores).SingleAsync(r => r.Id == byInserts.Id, Ct));
        Assert.Equal(
            (byInserts.AuthoredAt, byInserts.NextStep, byInserts.SensoryGrade, byInserts.MotorGrade, byInserts.Language, byInserts.AnswersJson),
            (read.AuthoredAt, read.NextStep, read.SensoryGrade, read.MotorGrade, read.Language, read.AnswersJson));
        Assert.Equal(DateTimeKind.Utc, read.RecordedAt.Kind);
        Assert.Equal(byInserts.Scores.Select(s => (s.Code, s.Value, s.Unit, s.CtcaeVersion, s.Reasons)), read.Scores.OrderBy(s => s.Position).Select(s => (s.Code, s.Value, s.Unit, s.CtcaeVersion, s.Reasons)));
    }

    [Fact]
    public async Task ARowWhoseKeyIsNotSet_IsRefused_NotStoredWithAnEmptyKey()
    {
        var (patient, instrument) = await PatientAndInstrumentAsync();
        var response = Response(patient, instrument, "no-id");
        response.Id = Guid.Empty;

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await RowInserts.InsertAsync(db, [response], Ct);
            return 0;
        }));

        Assert.Equal("InstrumentResponse.Id is not set: the database would fill it, so set it before inserting.", refused.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient, Ct)));
    }

    [Fact]
    public async Task RowsAreInsertedOnlyInsideATransaction()
    {
        var (patient, instrument) = await PatientAndInstrumentAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            await RowInserts.InsertAsync(db, [Response(patient, instrument, "outside")], Ct);
            return 0;
        }));

        Assert.Equal("Rows are inserted inside a transaction: begin one first.", refused.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient, Ct)));
    }

    /// <summary>
    /// The response and scores are written before the audit event: when the event cannot be written (here the audit chain's
    /// head row is gone), the check-in is refused and nothing of it stays, and the next check-in is stored once the head is
    /// back.
    /// </summary>
    [Fact]
    public async Task ACheckInWhoseAuditEventCannotBeWritten_LeavesNothingStored_AndTheNextIsStored()
    {
        var (patient, login) = await app.CreatePatientAsync(await app.CreateTeamAsync());
        var client = await app.ClientForAsync(login!);
        var head = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(Ct));
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditChainHead\"", Ct));
        HttpStatusCode refused;
        try
        {
            refused = (await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(2), Ct)).StatusCode;
        }
        finally
        {
            await app.WithDbAsync(db =>
            {
                db.AuditChainHeads.Add(head);
                return db.SaveChangesAsync(Ct);
            });
        }

        Assert.Equal(HttpStatusCode.InternalServerError, refused);
        Assert.Equal((0, 0), (await app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient, Ct)), await app.WithDbAsync(db => db.ResponseScores.CountAsync(s => s.PatientId == patient, Ct))));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.PatientId == patient && e.Action == SubmitResponse.Action, Ct)));

        var stored = await CipnApp.SubmitCheckInAsync(client, patient, Questionnaires.Week(2), Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.InstrumentResponses.CountAsync(r => r.PatientId == patient, Ct)));
        Assert.True((await app.WithDbAsync(db => AuditChain.VerifyAsync(db, Ct))).Intact);
    }

    private async Task<(Guid Patient, Guid Instrument)> PatientAndInstrumentAsync()
    {
        var (patient, _) = await app.CreatePatientAsync(await app.CreateTeamAsync(), withLogin: false);
        var instrument = await app.WithDbAsync(db => db.Instruments.Where(i => i.Url == Questionnaires.CheckIn && i.Status == "active").Select(i => i.Id).SingleAsync(Ct));
        return (patient, instrument);
    }

    /// <summary>A response with every kind of value the table holds: dates with ticks, an enum, a null and a set grade, text beyond ASCII, null and set scores.</summary>
    private static InstrumentResponse Response(Guid patient, Guid instrument, string key)
    {
        var id = Guid.CreateVersion7();
        var authored = new DateTime(2026, 11, 30, 9, 15, 42, DateTimeKind.Utc).AddTicks(1234567);
        var recorded = authored.AddMinutes(3);
        return new InstrumentResponse
        {
            Id = id,
            PatientId = patient,
            InstrumentId = instrument,
            AuthoredAt = authored,
            RecordedAt = recorded,
            EnteredByUserId = "user-1",
            EnteredByName = "María José",
            EnteredByRole = "Caregiver",
            SubmissionKey = key,
            AnswersJson = """{"numbness-feet":"2","notes":"Entumecimiento — más de noche"}""",
            Language = "es",
            RulesVersion = "2026.11",
            NextStep = PatientNextStep.ContactTeamToday,
            SensoryGrade = 2,
            MotorGrade = null,
            Scores =
            [
                new() { Id = Guid.CreateVersion7(), ResponseId = id, PatientId = patient, Code = "pro-sensory-grade", Name = "Sensory grade", Position = 0, Value = 2, Unit = "grade", CtcaeVersion = "5.0", Reasons = "numb feet", EffectiveAt = authored, RecordedAt = recorded },
                new() { Id = Guid.CreateVersion7(), ResponseId = id, PatientId = patient, Code = "pro-motor-grade", Name = "Motor grade", Position = 1, Value = null, Unit = null, CtcaeVersion = null, Reasons = "too few items answered", EffectiveAt = authored, RecordedAt = recorded },
                new() { Id = Guid.CreateVersion7(), ResponseId = id, PatientId = patient, Code = "pain", Name = "Pain", Position = 2, Value = 1.5, Unit = "{score}", CtcaeVersion = null, Reasons = "", EffectiveAt = authored, RecordedAt = recorded },
            ],
        };
    }

    /// <summary>
    /// Each column of the table — all of them, as SQLite lists them, not as the model does — of the response stored with
    /// <paramref name="key"/> or of its scores in order, as "column: type literal" (SQLite's typeof and quote).
    /// </summary>
    private Task<List<string>> StoredAsync<T>(string table, string key) => app.WithDbAsync(async db =>
    {
        var columns = await db.Database.SqlQuery<string>($"SELECT \"name\" AS \"Value\" FROM pragma_table_info({table}) ORDER BY \"cid\"").ToListAsync(Ct);
        Assert.Equal(db.Model.FindEntityType(typeof(T))!.GetProperties().Count(), columns.Count); // a column the model does not know would be left out of the INSERT
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var response = "SELECT \"Id\" FROM \"InstrumentResponses\" WHERE \"SubmissionKey\" = $key";
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"typeof(\"{c}\") || ' ' || quote(\"{c}\")"))} FROM \"{table}\" "
            + (typeof(T) == typeof(ResponseScore) ? $"WHERE \"ResponseId\" IN ({response}) ORDER BY \"Position\"" : $"WHERE \"Id\" IN ({response})");
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("$key", key);
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var stored = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            stored.AddRange(columns.Select((c, i) => $"{c}: {reader.GetString(i)}"));
        }

        Assert.NotEmpty(stored);
        return stored;
    });

    /// <summary>The stored columns with each key of <paramref name="same"/> put in for the other, in either case (a Guid may be stored in capitals).</summary>
    private static List<string> Swapped(List<string> stored, Dictionary<string, string> same) =>
        [.. stored.Select(column => same.Aggregate(column, (text, pair) => text
            .Replace(pair.Key, pair.Value, StringComparison.Ordinal)
            .Replace(pair.Key.ToUpperInvariant(), pair.Value.ToUpperInvariant(), StringComparison.Ordinal)))];
}
