using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Owner = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ClaimsJson = table.Column<string>(type: "text", nullable: false),
                    Level = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    Types = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RequestUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PatientsDone = table.Column<int>(type: "integer", nullable: false),
                    PatientsTotal = table.Column<int>(type: "integer", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkExportJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulkExportFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IsError = table.Column<bool>(type: "boolean", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
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
