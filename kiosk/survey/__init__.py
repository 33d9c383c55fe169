"""The community satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB 14/2017).

Nine elements, each answered on a 4-point scale, one answer per served ticket and
anonymous; the index per service and period with its grade.
"""
