using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BulkDataExport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulkExportJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ClaimsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Types = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RequestUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PatientsDone = table.Column<int>(type: "INTEGER", nullable: false),
                    PatientsTotal = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkExportJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulkExportFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IsError = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkExportFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulkExportFiles_BulkExportJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "BulkExportJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulkExportFiles_JobId_Sequence",
                table: "BulkExportFiles",
                columns: new[] { "JobId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkExportJobs_ExpiresAt",
                table: "BulkExportJobs",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_BulkExportJobs_State_RequestedAt",
                table: "BulkExportJobs",
                columns: new[] { "State", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkExportFiles");

            migrationBuilder.DropTable(
                name: "BulkExportJobs");
        }
    }
}
