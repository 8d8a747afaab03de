using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CipnCare.Web.Data;

/// <summary>
/// A query EF Core translates once (<c>EF.CompileAsyncQuery</c>) instead of on every call. A LINQ query is otherwise
/// built as an expression tree at its call site, then hashed to find its translation in EF's cache, and its parameters
/// are extracted from it, every time: about a fifth of the app's CPU per check-in submission (issue #17,
/// docs/benchmarks.md). Kept for the reads every submission makes.
/// </summary>
/// <remarks>
/// EF binds a compiled query to the model it first runs against and refuses any other, and one process may hold contexts
/// of both providers (the tests run SQLite and PostgreSQL hosts side by side), so the query is compiled once per model.
/// A part two queries share is written once as an expression and spliced into each with LinqKit (<c>Invoke</c>, then
/// <c>Expand</c> before compiling).
/// </remarks>
public sealed class CompiledQuery<TQuery>
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _perModel = new();
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _compile;

    /// <param name="compile">Compiles the query (it is called once per model).</param>
    public CompiledQuery(Func<TQuery> compile)
    {
        ArgumentNullException.ThrowIfNull(compile);
        _compile = _ => compile();
    }

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _perModel.GetValue(db.Model, _compile);
    }
}

