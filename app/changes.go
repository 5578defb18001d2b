package app

// A court's case-list change counter (table case_list_changes, one row per
// court) is raised by database triggers (migration 00022) in the transaction
// of every change to what that court's case list shows: its cases, their
// counts, mediators and suspensions, the names of its organs and judges. A
// rolled-back change raises nothing; a committed one is seen by every
// instance that shares the database as soon as it commits. What an instance
// keeps in memory of a court's list (app/web/pagecache.go) it keeps under the
// number it read before reading it, and asks again at each use
// (UserBySession reads it with the session).
//
// One row per court, raised only by changes to lists: writers of different
// courts, and writers of anything else (meetings, letters, sessions), never
// wait for each other on it, which on a Galera cluster would make their
// transactions conflict.
